# 列表看到整个数据库（第 21 号议题）：控制台的筛选和检索所说的话。

search-ctype-c = { $database } 的字符分类为 LC_CTYPE { $ctype }，在此设置下 PostgreSQL 的 pg_trgm 索引不收录任何汉字：中文的检索和 `/` 筛选（search、:find、各列表的筛选）仍能找全，但要逐条读取本站全部信息，站点大时很慢（拉丁字母文本不受影响）。解决办法：新建一个 UTF-8 字符分类的数据库（CREATE DATABASE portal TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'），然后对本库执行 `portal-admin backup`，再用 `portal-admin restore-backup` 恢复到新库
filter-matches-nothing-in-db = 数据库中没有符合筛选条件的（按 { $back } 清除筛选）。

# 每个列表标题：选中的是第几条，数据库中共有几条（≈ 估计，≥ 下限，+ 多于已读取的行）。
list-position = { $n }/{ $total } 条
list-position-empty = 共 { $total } 条
list-position-none = 无

# 数据库本身拒绝的操作（其保护触发器、登录账号的权限、数据结构的规则），按数据库的代码（PostgreSQL 的
# SQLSTATE、SQLite 的结果码）说明，不照搬服务器的英文原话：控制台的状态行和命令行的单行错误共用。
# $code：代码，数据库给出约束名时连同约束名（“SQLSTATE 23505, operators_site_id_name_key”）。
refused-kept = 数据库拒绝了此项更改：这些记录保持原样，不能修改或删除（更正须另写一条记录）；未写入任何内容（{ $code }）
refused-closed-once = 数据库拒绝了此项更改：撤回记录和撤回申请不能修改，只能办结一次；未写入任何内容（{ $code }）
refused-unaudited = 数据库拒绝了此项更改：没有以登录账号本人名义写入的审计记录；未写入任何内容（{ $code }）
refused-reviewer-item = 数据库拒绝了此项更改：审核员的登录账号只能办理信息的政府办审核环节；未写入任何内容（{ $code }）
refused-permission = 数据库拒绝了此项更改：此登录账号在本数据库中的角色无权进行这项更改（管理员可用 `operators` 查看其角色）；未写入任何内容（{ $code }）
refused-duplicate = 数据库拒绝了此项更改：已有相同的记录；未写入任何内容（{ $code }）
refused-reference = 数据库拒绝了此项更改：所引用的记录不存在，或要去掉的记录仍被引用；未写入任何内容（{ $code }）
refused-missing-value = 数据库拒绝了此项更改：缺少必填的值；未写入任何内容（{ $code }）
refused-check = 数据库拒绝了不符合其规则的值；未写入任何内容（{ $code }）
refused-read-only = 此处数据库为只读：未写入任何内容（{ $code }）
refused-conflict = 他人的更改在先，数据库中止了此项更改：未写入任何内容，请重试（{ $code }）
refused-busy = 数据库正忙于另一项更改：未写入任何内容，请稍后重试（{ $code }）
refused-cancelled = 数据库中止了该语句：用时过长；未写入任何内容（{ $code }）
refused-disk-full = 数据库所在磁盘已满：未写入任何内容；请腾出空间后重试（{ $code }）

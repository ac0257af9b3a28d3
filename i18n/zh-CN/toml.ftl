# 设置、键位或规则文件（TOML）无法解析：在哪里，错在哪里——TOML 解析器和 serde 的说法
# （src/i18n/mod.rs 的 toml_detail）。

toml-error = { $file } 第 { $line } 行第 { $column } 列：{ $detail }
toml-at = 第 { $line } 行第 { $column } 列：{ $detail }
toml-at-column = 第 { $column } 列：{ $detail }
# 目录中没有译文的说法：照录解析器的原话。
toml-parser-said = 此处写法有误（TOML 解析器：{ $detail }）
toml-expected = { $what }（应为 { $expected }）
toml-one-of = 以下之一：{ $values }
toml-and = 、
toml-or = {" 或 "}
toml-unknown-field = 没有 { $name } 这一项
toml-missing-field = 缺少 { $name } 这一项
toml-duplicate-field = { $name } 写了两次
toml-unknown-variant = 没有 { $name } 这个取值
toml-invalid-type = 类型不对：此处是{ $name }
toml-invalid-value = 取值不对：此处是{ $name }

## 解析器对错误的说法

toml-parse-duplicate-key = 键重复
toml-parse-string-values-must-be-quoted = 文字须加引号
toml-parse-missing-assignment-between-key-value-pairs = 键与值之间缺少 =
toml-parse-extra-assignment-between-key-value-pairs = 多了一个 =
toml-parse-extra = 多了一个 =
toml-parse-missing-comma-between-key-value-pairs = 键值对之间缺少逗号
toml-parse-missing-comma-between-array-elements = 数组的元素之间缺少逗号
toml-parse-extra-comma-in-array = 数组中多了一个逗号
toml-parse-extra-comma-in-inline-table = 内联表中多了一个逗号
toml-parse-missing-value = 缺少值
toml-parse-missing-value-for-key = 键缺少值
toml-parse-key-with-no-value = 键没有值
toml-parse-unclosed-table = 表头没有闭合
toml-parse-unclosed-array-table = 数组表头没有闭合
toml-parse-unclosed-array = 数组没有闭合
toml-parse-unclosed-inline-table = 内联表没有闭合
toml-parse-missing-array-opening = 数组缺少开头的 [
toml-parse-missing-inline-table-opening = {"内联表缺少开头的 {"}
toml-parse-missing-table-open = 表头缺少开头的 [
toml-parse-missing-key-for-inline-table-element = 内联表的元素缺少键
toml-parse-invalid-inline-table-element = 内联表的元素写法有误
toml-parse-invalid-key-value-pair = 键值对写法有误
toml-parse-invalid-key = 键的写法有误
toml-parse-invalid-unquoted-key = 不加引号的键只能由字母、数字、- 和 _ 组成
toml-parse-unquoted-keys-cannot-be-empty = 键不能为空
toml-parse-keys-cannot-be-multi-line-basic-strings = 键不能是多行字符串
toml-parse-keys-cannot-be-multi-line-literal-strings = 键不能是多行字符串
toml-parse-invalid-string = 字符串写法有误
toml-parse-invalid-basic-string = 字符串写法有误
toml-parse-invalid-literal-string = 字符串写法有误
toml-parse-invalid-multi-line-basic-string = 多行字符串写法有误
toml-parse-invalid-multi-line-literal-string = 多行字符串写法有误
toml-parse-missing-opening-quote = 缺少开头的引号
toml-parse-missing-escaped-value = 反斜杠后缺少要转义的字符
toml-parse-too-few-unicode-value-digits = Unicode 编码的位数不够
toml-parse-carriage-return-must-be-followed-by-newline = 回车符后须紧跟换行
toml-parse-unexpected-content = 此处有多余的内容
toml-parse-unexpected-content-between-comment-and-newline = 注释与换行之间有多余的内容
toml-parse-unexpected-key-or-value = 此处不应有键或值
toml-parse-unexpected-in-array = 数组中不应有 =
toml-parse-invalid-value = 值的写法有误
toml-parse-invalid-table = 表头写法有误
toml-parse-invalid-integer-number = 整数写法有误
toml-parse-unexpected-leading-zero = 数字不能以 0 开头
toml-parse-unexpected-sign = 此处不应有正负号
toml-parse-redundant-numeric-sign = 多了一个正负号
toml-parse-invalid-comment-character = 注释中有不允许的字符
toml-parse-missing-comment-start = 注释缺少开头的 #

## 解析器或 serde 期望的、发现的内容

toml-word-newline = 换行
toml-word-key = 键
toml-word-value = 值
toml-word-comment = 注释
toml-word-whitespace = 空格
toml-word-nothing = 无内容
toml-word-numbers = 数字
toml-word-digits = 数字
toml-word-letters = 字母
toml-word-literal-string = 加引号的文字
toml-word-basic-string = 加引号的文字
toml-word-multi-line-basic-string = 多行字符串
toml-word-characters = 字符
toml-word-printable-characters = 可打印字符
toml-word-a-string = 文字
toml-word-string = 文字
toml-word-a-boolean = true 或 false
toml-word-boolean = 布尔值
toml-word-a-bool = true 或 false
toml-word-bool = 布尔值
toml-word-integer = 整数
toml-word-an-integer = 整数
toml-word-u8 = 整数
toml-word-u16 = 整数
toml-word-u32 = 整数
toml-word-u64 = 整数
toml-word-i32 = 整数
toml-word-i64 = 整数
toml-word-usize = 整数
toml-word-float = 小数
toml-word-a-float = 小数
toml-word-f64 = 小数
toml-word-a-sequence = 数组
toml-word-sequence = 数组
toml-word-a-map = 表
toml-word-map = 表
toml-word-unit = 空值

# 设置、键位或规则文件（TOML）无法解析：在哪里，以及 TOML 解析器的原话（$detail）。

toml-error = { $file }:{ $line }:{ $column }：此处写法有误（TOML 解析器：{ $detail }）
toml-at = 第 { $line } 行第 { $column } 列：此处写法有误（TOML 解析器：{ $detail }）
toml-at-column = 第 { $column } 列：此处写法有误（TOML 解析器：{ $detail }）

# A settings, keymap or rules file (TOML) that does not parse: where, and what is wrong, in the
# words of the TOML parser and of serde (src/i18n/mod.rs, toml_detail).

toml-error = { $file }:{ $line }:{ $column }: { $detail }
toml-at = line { $line }, column { $column }: { $detail }
toml-at-column = column { $column }: { $detail }
# A message the catalogs have no words for, in the parser's own.
toml-parser-said = { $detail }
toml-expected = { $what }, expected { $expected }
toml-one-of = one of { $values }
toml-and = {", "}
toml-or = {" or "}
toml-unknown-field = unknown field { $name }
toml-missing-field = missing field { $name }
toml-duplicate-field = duplicate field { $name }
toml-unknown-variant = unknown variant { $name }
toml-invalid-type = invalid type: { $name }
toml-invalid-value = invalid value: { $name }

## The parser's descriptions of what is wrong

toml-parse-duplicate-key = duplicate key
toml-parse-string-values-must-be-quoted = string values must be quoted
toml-parse-missing-assignment-between-key-value-pairs = missing assignment between key-value pairs
toml-parse-extra-assignment-between-key-value-pairs = extra assignment between key-value pairs
toml-parse-extra = extra `=`
toml-parse-missing-comma-between-key-value-pairs = missing comma between key-value pairs
toml-parse-missing-comma-between-array-elements = missing comma between array elements
toml-parse-extra-comma-in-array = extra comma in array
toml-parse-extra-comma-in-inline-table = extra comma in inline table
toml-parse-missing-value = missing value
toml-parse-missing-value-for-key = missing value for key
toml-parse-key-with-no-value = key with no value
toml-parse-unclosed-table = unclosed table
toml-parse-unclosed-array-table = unclosed array table
toml-parse-unclosed-array = unclosed array
toml-parse-unclosed-inline-table = unclosed inline table
toml-parse-missing-array-opening = missing array opening
toml-parse-missing-inline-table-opening = missing inline table opening
toml-parse-missing-table-open = missing table open
toml-parse-missing-key-for-inline-table-element = missing key for inline table element
toml-parse-invalid-inline-table-element = invalid inline table element
toml-parse-invalid-key-value-pair = invalid key-value pair
toml-parse-invalid-key = invalid key
toml-parse-invalid-unquoted-key = invalid unquoted key
toml-parse-unquoted-keys-cannot-be-empty = unquoted keys cannot be empty
toml-parse-keys-cannot-be-multi-line-basic-strings = keys cannot be multi-line basic strings
toml-parse-keys-cannot-be-multi-line-literal-strings = keys cannot be multi-line literal strings
toml-parse-invalid-string = invalid string
toml-parse-invalid-basic-string = invalid basic string
toml-parse-invalid-literal-string = invalid literal string
toml-parse-invalid-multi-line-basic-string = invalid multi-line basic string
toml-parse-invalid-multi-line-literal-string = invalid multi-line literal string
toml-parse-missing-opening-quote = missing opening quote
toml-parse-missing-escaped-value = missing escaped value
toml-parse-too-few-unicode-value-digits = too few unicode value digits
toml-parse-carriage-return-must-be-followed-by-newline = carriage return must be followed by newline
toml-parse-unexpected-content = unexpected content
toml-parse-unexpected-content-between-comment-and-newline = unexpected content between comment and newline
toml-parse-unexpected-key-or-value = unexpected key or value
toml-parse-unexpected-in-array = unexpected `=` in array
toml-parse-invalid-value = invalid value
toml-parse-invalid-table = invalid table
toml-parse-invalid-integer-number = invalid integer number
toml-parse-unexpected-leading-zero = unexpected leading zero
toml-parse-unexpected-sign = unexpected sign
toml-parse-redundant-numeric-sign = redundant numeric sign
toml-parse-invalid-comment-character = invalid comment character
toml-parse-missing-comment-start = missing comment start

## What the parser or serde expected, or found

toml-word-newline = newline
toml-word-key = key
toml-word-value = value
toml-word-comment = comment
toml-word-whitespace = whitespace
toml-word-nothing = nothing
toml-word-numbers = numbers
toml-word-digits = digits
toml-word-letters = letters
toml-word-literal-string = literal string
toml-word-basic-string = basic string
toml-word-multi-line-basic-string = multi-line basic string
toml-word-characters = characters
toml-word-printable-characters = printable characters
toml-word-a-string = a string
toml-word-string = string
toml-word-a-boolean = a boolean
toml-word-boolean = boolean
toml-word-a-bool = a bool
toml-word-bool = bool
toml-word-integer = integer
toml-word-an-integer = an integer
toml-word-u8 = u8
toml-word-u16 = u16
toml-word-u32 = u32
toml-word-u64 = u64
toml-word-i32 = i32
toml-word-i64 = i64
toml-word-usize = usize
toml-word-float = float
toml-word-a-float = a float
toml-word-f64 = f64
toml-word-a-sequence = a sequence
toml-word-sequence = sequence
toml-word-a-map = a map
toml-word-map = map
toml-word-unit = unit

# What a content check's finding says (issue 20): worded when it is shown, in the reader's
# language, from its code and arguments; the arguments are the item's own text and the lists'.
said-wrong-term = “{ $wrong }”应为“{ $correct }”
said-wrong-name = 名称错误：“{ $wrong }”应为“{ $correct }”
said-wrong-name-noted = 名称错误：“{ $wrong }”应为“{ $correct }”（{ $note }）
said-left-office = { $name }已离任（{ $note }）
said-word = { $kind ->
        [secret] 密级标志
        [banned] 禁用词
        [sensitive] 敏感词
       *[other] { $kind }
    }：“{ $word }”
said-id-number = 完整公民身份号码
said-id-number-15 = 完整公民身份号码（15位）
said-probable-id-number = 疑似公民身份号码（校验码不符）
said-mobile = 完整手机号码
said-bank-card = 完整银行卡号
said-document-brackets = 文号的年份应使用六角括号〔〕
said-figure = “{ $label }”前文为 { $first }，此处为 { $value }
said-published-before-submitted = 发布时间早于报送时间（{ $submitted }）
said-published-in-future = 发布时间在未来
said-published-before-issued = 发布日期早于文件印发日期（{ $issued }）
said-check-title = 核对职务表述
said-check-figures = 核对统计数据，前后一致
said-check-published = 核对发布时间

# What a content check's finding says (issue 20): worded when it is shown, in the reader's
# language, from its code and arguments; the arguments are the item's own text and the lists'.
said-wrong-term = “{ $wrong }” should be “{ $correct }”
said-wrong-name = Wrong name: “{ $wrong }” should be “{ $correct }”
said-wrong-name-noted = Wrong name: “{ $wrong }” should be “{ $correct }” ({ $note })
said-left-office = { $name } has left office ({ $note })
said-word = { $kind ->
        [secret] Secret marking
        [banned] Banned word
        [sensitive] Sensitive word
       *[other] { $kind }
    }: “{ $word }”
said-id-number = Full resident ID number
said-id-number-15 = Full resident ID number (15 digits)
said-probable-id-number = Probable resident ID number (check digit wrong)
said-mobile = Full mobile number
said-bank-card = Full bank card number
said-document-brackets = A document number's year takes the hexagonal brackets 〔〕
said-figure = “{ $label }” was { $first } before, { $value } here
said-published-before-submitted = Published before it was submitted ({ $submitted })
said-published-in-future = Publication time in the future
said-published-before-issued = Published before the document was issued ({ $issued })
said-check-title = check the title given
said-check-figures = check the figures agree
said-check-published = check the publication time

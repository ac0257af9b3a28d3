# A column's update deadline (更新时限) as a rule, in words: the console and the tables.
# $period is day, working-day, month or year.

deadline-every = every { $amount } { $period ->
        [day] { $amount ->
            [one] day
           *[other] days
        }
        [working-day] { $amount ->
            [one] working day
           *[other] working days
        }
        [month] { $amount ->
            [one] month
           *[other] months
        }
       *[year] { $amount ->
            [one] year
           *[other] years
        }
    }
deadline-within = within { $amount } { $period ->
        [day] { $amount ->
            [one] day
           *[other] days
        }
        [working-day] { $amount ->
            [one] working day
           *[other] working days
        }
        [month] { $amount ->
            [one] month
           *[other] months
        }
       *[year] { $amount ->
            [one] year
           *[other] years
        }
    } of an event
deadline-monthly = monthly
deadline-yearly = yearly
deadline-as-needed = as needed
deadline-no-update = no update needed
deadline-unspecified = unspecified

# The same, short, for a table's narrow column (the console's columns view).
deadline-short-every = { $amount } { $period ->
        [day] { $amount ->
            [one] day
           *[other] days
        }
        [working-day] w-days
        [month] { $amount ->
            [one] month
           *[other] months
        }
       *[year] { $amount ->
            [one] year
           *[other] years
        }
    }
deadline-short-within = in { $amount } { $period ->
        [day] { $amount ->
            [one] day
           *[other] days
        }
        [working-day] w-days
        [month] { $amount ->
            [one] month
           *[other] months
        }
       *[year] { $amount ->
            [one] year
           *[other] years
        }
    }
deadline-short-no-update = no update

# Returning a unit's submission for what it lacks (Art. 10), before any of the seven checks.

rules-lacks-nothing = item { $item } lacks nothing Art. 10 asks: reject it naming the failed checks instead
key-review-review-return = Return a unit's submission lacking what Art. 10 asks (signed scan, electronic text, target columns), before any check, with a reason
review-return-prompt = return for what it lacks — why?{" "}
review-return-reason = lacks { $lacks } (Art. 10)
review-return-nothing = item { $id } lacks nothing Art. 10 asks: { $reject } rejects it naming the failed checks
review-approve-lacks = item { $id } lacks { $lacks }: it cannot pass its re-review (Art. 10) — { $key } returns it to its unit
review-lacks-return = {" "}{ $key } returns it: lacks { $lacks }
about-review-return = Send a unit's submission back for what it lacks of what Art. 10 asks, before any check
arg-review-return-item = The item's id or ref
arg-review-return-reason = Why (required): what to send with it
arg-review-return-version = Refuse if the item is no longer at this version

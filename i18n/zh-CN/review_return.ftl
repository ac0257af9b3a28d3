# 单位报送材料不全（第十条），不经七项审核即退回。

rules-lacks-nothing = 信息 { $item } 不缺第十条要求的报送内容：请指出未通过的审核内容后退回
key-review-review-return = 报送内容不全退回：单位报送缺少第十条要求的报送内容（部门领导签字盖章扫描件、信息电子版、发布栏目）时，不经审核即退回，并填写原因
review-return-prompt = 报送内容不全，退回单位——原因？{" "}
review-return-reason = 缺少{ $lacks }（第十条）
review-return-nothing = 信息 { $id } 不缺第十条要求的报送内容：按 { $reject } 指出未通过的审核内容后退回
review-approve-lacks = 信息 { $id } 缺少{ $lacks }，不能通过复核（第十条）——按 { $key } 退回单位
review-lacks-return = {" "}按 { $key } 退回：缺少{ $lacks }（第十条）
about-review-return = 单位报送缺少第十条要求的报送内容时，不经审核即退回
arg-review-return-item = 信息的编号或引用
arg-review-return-reason = 理由（必填）：随退回告知单位
arg-review-return-version = 若信息已不是此版本则拒绝

# 一并恢复撤回：撤回页中标记的各行，或一次批量撤回（`restore --batch ID`）。
store-withdrawal-unknown = { $id } 不是本站点的撤回记录（撤回页的“批次”列或 `audit --action retract` 可查到）
said-restored-items = 已将 { $count } 条信息恢复到原栏目上线
said-restored-none = 没有恢复任何信息
said-restored-already-one = 信息 { $id } 此前已恢复；未作改动
said-restored-already-many = 这 { $count } 条信息此前均已恢复；未作改动
said-restored-also-one = ；信息 { $id } 此前已恢复
said-restored-also-many = ；另有 { $count } 条此前已恢复
item-restored-already = 信息{ $item }：此前已恢复
restore-batch-summary = 批次 { $batch }：恢复 { $restored } 条，此前已恢复 { $already } 条
key-withdrawn-withdrawn-restore = 把标记的信息（或选中的一条）恢复到原来的位置上线（先确认）
key-withdrawn-withdrawn-mark = 标记（或取消标记）这次撤回，以便一并恢复，并下移
key-withdrawn-withdrawn-mark-range = 标记从上次标记的行到这里的每一次撤回
key-withdrawn-withdrawn-mark-batch = 标记选中行所属批量撤回（批次）的全部撤回
keyhint-withdrawn-mark-batch = 批次
withdrawn-head-batch = 批次
withdrawn-marked = {" · "}已选 { $count } 条
withdrawn-batch-marked = 批次 { $batch }：列出 { $count } 条，本次标记 { $added } 条，此前已恢复 { $back } 条（共标记 { $all } 条）
withdrawn-restore-marked-confirm =
    将标记的 { $count } 条信息一并恢复到原来所在的栏目上线：
    {"  "}{ $items }

    { $yes } 全部恢复 · { $no } 取消
withdrawn-restore-more = ……另有 { $more } 条
retract-batch = 批次 { $batch }：`restore --batch { $batch }` 可全部恢复
about-restore = 把已撤回的信息恢复到原来的栏目中，或把一次批量撤回的全部信息一并恢复
arg-restore-batch = 一并恢复此编号的批量撤回中的全部信息（撤回页的“批次”列），在一个事务中完成

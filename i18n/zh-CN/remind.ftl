# 提醒单：`remind`（src/cli/remind.rs、src/usecase/remind.rs）及控制台的 `R`。
remind-bad-within = { $within } 个工作日的提醒范围无效：应为 1 至 60
remind-needs-unit = 请指定单位（--unit 名称），或用 --all 生成所有单位的提醒单
remind-all-needs-dir = 所有单位的提醒单须写入文件夹（--dir 文件夹），每个单位一个文件，不能写入同一个 --out 文件
remind-out-md = { $path }：--out 须为 Markdown 文件（.md）或国家公文格式的 Word 文件（.docx）
remind-no-dir = { $path } 不是文件夹
remind-not-written = { $path } 未写入：{ $error }
remind-written = { $unit }的提醒单已写入 { $path }
about-remind = 责任单位提醒单：N 个工作日内到期的栏目、逾期及空白栏目、退回待修改的信息、未整改的整改通知
arg-remind-unit = 要生成提醒单的单位（名称、名称的一部分或拼音首字母）
arg-remind-all = 所有单位的提醒单，用于每周巡查
arg-remind-within = 列出多少个工作日内到期的栏目，1 至 60（默认 5）
arg-remind-out = 把提醒单写入此文件：Markdown（.md），或按 GB/T 9704-2012 公文格式排版的 Word 文件（.docx）
arg-remind-dir = 把每个单位的提醒单写入此文件夹，文件名为 提醒单-单位-日期.md（加 --docx 为 .docx）
arg-remind-docx = 与 --dir 同用：每份提醒单写成国家公文格式的 Word 文件（.docx），而非 Markdown
arg-remind-force = 覆盖已存在的文件

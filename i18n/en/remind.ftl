# Reminder sheets (提醒单): `remind` (src/cli/remind.rs, src/usecase/remind.rs) and `R` in the console.
remind-bad-within = a window of { $within } working days: give 1 to 60
remind-needs-unit = name the unit (--unit NAME), or ask for every unit's sheet (--all)
remind-all-needs-dir = every unit's sheet goes into a folder (--dir DIR), one file each, not into one --out file
remind-out-md = { $path }: --out takes a Markdown file (.md) or a Word file in the national format (.docx)
remind-no-dir = { $path } is not a folder
remind-not-written = { $path } not written: { $error }
remind-written = { $unit }'s reminder sheet written to { $path }
about-remind = Reminder sheets (提醒单) for responsible units: columns due within N working days, overdue and blank columns, items returned and waiting, open rectification orders
arg-remind-unit = The unit whose sheet to write (its name, part of it, or its pinyin initials)
arg-remind-all = Every unit's sheet, for the weekly round
arg-remind-within = Columns due within this many working days, 1 to 60 (default 5)
arg-remind-out = Write the sheet to this file: Markdown (.md), or Word in the national format of GB/T 9704-2012 (.docx)
arg-remind-dir = Write each sheet into this folder, as 提醒单-<unit>-<date>.md (.docx with --docx)
arg-remind-docx = With --dir: write each sheet as Word in the national format (.docx) instead of Markdown
arg-remind-force = Overwrite files that exist

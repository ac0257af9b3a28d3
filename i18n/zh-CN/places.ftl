# portal-admin 存放文件的位置（src/places.rs）：显示在首次运行的画面和控制台的帮助中。

places-database = 数据库
places-settings = 设置
places-log = 日志
places-settings-dir = { $dir }（{ $what }）
places-no-settings-yet = 尚无：使用内置设置
places-no-home = 没有主目录：只使用内置设置

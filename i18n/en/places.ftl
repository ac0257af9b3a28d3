# Where portal-admin keeps things (src/places.rs): shown on the first-run screen and in the console's
# help.

places-database = Database
places-settings = Settings
places-log = Log
places-settings-dir = { $dir } ({ $what })
places-no-settings-yet = none yet: the built-in ones are used
places-no-home = no home directory: only the built-in settings

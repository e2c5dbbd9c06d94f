# Date formats of the app's own, beside Django's: each language defines every one of them.
DAY_FORMAT = "l j F"  # Wednesday 17 March
SHORT_DAY_FORMAT = "D j M"  # Wed 17 Mar
SHORT_DAY_TIME_FORMAT = "j M H:i"  # 17 Mar 09:30

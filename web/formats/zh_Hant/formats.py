# Date formats of the app's own, beside Django's: each language defines every one of them.
DAY_FORMAT = "n月j日 l"  # 3月17日 星期三
SHORT_DAY_FORMAT = "n月j日（D）"  # 3月17日（星期三）
SHORT_DAY_TIME_FORMAT = "n月j日 H:i"  # 3月17日 09:30

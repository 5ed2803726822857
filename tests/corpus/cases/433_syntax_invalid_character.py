# A character Python does not allow outside strings.
price = 5 € 2

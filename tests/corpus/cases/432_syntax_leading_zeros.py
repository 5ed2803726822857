# A decimal integer with a leading zero.
month = 09

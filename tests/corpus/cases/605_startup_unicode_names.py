# A non-ASCII identifier and a \N{...} escape make the parser import
# unicodedata before the program runs, which shows in the first count.
import gc

print(gc.get_count())
naïve = "\N{BULLET} item"
print(naïve, gc.get_count())

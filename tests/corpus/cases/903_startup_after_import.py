# Startup state: gc.get_count() after importing sys and weakref.
import gc
import sys
import weakref

print(gc.get_count())
print(gc.isenabled())

# A 100,000-deep chain of nested lists is freed without crashing.
import gc

gc.collect()
chain = []
for i in range(100000):
    chain = [chain]
print('built')
del chain
print('freed')
print(gc.collect())

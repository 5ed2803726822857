# 3.13 leaves names starting with '_' out unless the wrong name starts with '_'; 3.12 does not
class Account:
    _balance = 10

a = Account()
print(a._balance)
print(a.balanc)

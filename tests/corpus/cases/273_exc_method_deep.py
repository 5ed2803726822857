# An uncaught exception raised inside methods of several objects.
class Account:
    def __init__(self, balance):
        self.balance = balance

    def withdraw(self, n):
        if n > self.balance:
            raise ValueError(f'cannot withdraw {n}, balance is {self.balance}')
        self.balance -= n
        return self.balance


class Bank:
    def __init__(self):
        self.acc = Account(10)

    def pay(self, n):
        return self.acc.withdraw(n)


b = Bank()
print(b.pay(4))
print(b.pay(7))

# A custom exception that passes part of its arguments to super().__init__: args, str and repr show what was passed.
class MyError(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyError("bad thing", 42)
except MyError as e:
    print(e, e.args, e.code, repr(e))
class Plain(Exception):
    def __init__(self, a):
        self.a = a
p = Plain(5)
print(p.args, str(p), repr(p))
class E2(ValueError):
    def __init__(self, *args):
        super().__init__("fixed", *args)
print(E2(1, 2).args)
raise MyError("uncaught", 1)

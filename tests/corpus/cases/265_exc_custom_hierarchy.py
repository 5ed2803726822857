# except clauses match subclasses of user exceptions.
class Base(Exception):
    pass


class Child(Base):
    pass


for cls in (Child, Base, ValueError):
    try:
        raise cls('msg')
    except Base as e:
        print('caught', type(e).__name__, e.args)
    except Exception as e:
        print('other', type(e).__name__)
print(isinstance(Child(), Base), isinstance(Base(), Child))

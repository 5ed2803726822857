# Non-ASCII identifiers NFKC leaves unchanged, and \N{...} escapes of the
# names gcplay knows (docs/language.md, "Unicode in the source").
import sys

größe = [1, 2]
π = 3.14159
变量 = {'ключ': größe}
print(größe, π, 变量)
print(sys.getrefcount(größe))


class Ñandú:
    def __init__(self, año):
        self.año = año

    def método(self, δ=1):
        return self.año + δ


ñ = Ñandú(año=2024)
print(ñ.método(), ñ.método(δ=2), type(ñ).__name__, hasattr(ñ, 'año'))
print([x·y for x·y in range(3)])
del ñ

print('\N{BULLET} \N{EM DASH} \N{RIGHTWARDS ARROW} \N{EURO SIGN}')
print('\N{greek small letter alpha}\N{Greek Capital Letter Omega}')
print(f'{π:.2f}\N{NO-BREAK SPACE}\N{DEGREE SIGN}', len('\N{LATIN SMALL LETTER SHARP S}'))
print(r'\N{SNOWMAN}', '\\N{SNOWMAN}', repr('\N{HORIZONTAL ELLIPSIS}'))
print(ord('\N{LATIN CAPITAL LETTER A WITH RING ABOVE}'), '\N{SPACE}' == ' ')
try:
    print(ñ)
except NameError as e:
    print('NameError:', e)

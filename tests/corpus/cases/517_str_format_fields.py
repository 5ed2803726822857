# str.format: !a, a missing keyword's KeyError, and the ValueError for mixing
# automatic and manual field numbering.
print('{name}!'.format(name='bob'), '{}{{}}'.format(1), '{!a}'.format('é'), '{:.3s}'.format('abcdef'), '{0}{1}{0}'.format('a', 'b'))
print('{!r:>6}|{!s:<4}|{!a}'.format('x', 1, ['ü']), '{x}{y}'.format(x=1, y=[2]), '{0:>3}{1:^5}'.format(1, 'ab'))
for f in (lambda: '{name}'.format(), lambda: '{0}{}'.format(1, 2), lambda: '{}{0}'.format(1, 2), lambda: '{2}'.format(1),
          lambda: '{}{}'.format(1), lambda: '{'.format(), lambda: '{0}{x}{}'.format(1, x=2)):
    try:
        print(f())
    except (KeyError, ValueError, IndexError) as e:
        print(type(e).__name__, e)

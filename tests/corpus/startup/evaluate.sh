#!/bin/bash
# evaluate.sh DIR -> results in DIR/results.txt : name real13 pred13 real12 pred12
D=$1
P13=$(pyenv prefix 3.13.0)/bin/python3; P12=$(pyenv prefix 3.12.1)/bin/python3
: > $D/results.txt
for p in $D/g*.py; do
  r13=$(PYTHONHASHSEED=0 timeout 10 $P13 -S $p 2>/dev/null | head -1 | tr -d '(,' | awk '{print $1}')
  r12=$(PYTHONHASHSEED=0 timeout 10 $P12 -S $p 2>/dev/null | head -1 | tr -d '(,' | awk '{print $1}')
  p13=$(PYTHONHASHSEED=0 $P13 "$(dirname "$0")/predict.py" $p 2>&1 | tail -1)
  p12=$(PYTHONHASHSEED=0 $P12 "$(dirname "$0")/predict.py" $p 2>&1 | tail -1)
  echo "$(basename $p) $r13 $p13 $r12 $p12" >> $D/results.txt
done
awk '{n++; if($2==$3)a++; if($4==$5)b++} END {print "n="n, "3.13 exact="a, "3.12 exact="b}' $D/results.txt

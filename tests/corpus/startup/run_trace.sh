#!/bin/bash
# usage: run_trace.sh VERSION(13|12) prog.py out.log
P=$(pyenv prefix 3.13.0)/bin/python3.13; [ "$1" = 12 ] && P=$(pyenv prefix 3.12.1)/bin/python3.12
PYTHONHASHSEED=0 TRACE_OUT=$3 gdb -batch -nx -x "$(dirname "$0")/trace.py" --args $P -S $2 2>&1 | grep "^(" 

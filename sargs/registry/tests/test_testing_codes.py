"""The test helpers' personal codes never repeat (a repeat made a test fail at random)."""

import datetime

from stdnum.lv import pvn

from sargs.registry.testing import new_code, old_code


def test_generated_codes_are_valid_and_never_repeat():
    born = datetime.date(2015, 3, 4)
    old = [old_code(born) for _ in range(300)]
    new = [new_code() for _ in range(300)]
    assert len(set(old)) == len(old) and len(set(new)) == len(new)
    assert all(pvn.is_valid(code) for code in old + new)

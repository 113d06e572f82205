from django.utils import translation

from sargs.core.language import current, is_english, pick


def test_latvian_is_the_default_and_english_is_switchable():
    with translation.override("lv"):
        assert not is_english() and current() == "lv"
        assert pick("bērns", "child") == "bērns"
    with translation.override("en"):
        assert is_english() and current() == "en"
        assert pick("bērns", "child") == "child"


def test_missing_english_falls_back_to_latvian():
    with translation.override("en"):
        assert pick("bāriņtiesa", "") == "bāriņtiesa"

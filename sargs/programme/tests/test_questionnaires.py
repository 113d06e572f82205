import pytest
from django.urls import reverse

from sargs.audit.models import AuditEntry
from sargs.programme import questionnaire_services, selectors
from sargs.programme.models import Answer, QuestionnaireResponse

from .helpers import draft_programme

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def questionnaire(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    q = questionnaire_services.questionnaire_create(
        actor=cast.coordinator,
        programme=programme,
        title="Jauniešu aptauja",
        audience="children_13_17",
    )
    questionnaire_services.question_add(
        actor=cast.coordinator,
        questionnaire=q,
        kind="single",
        text="Vai jūties droši skolā?",
        options=["Jā", "Nē"],
    )
    questionnaire_services.question_add(
        actor=cast.coordinator,
        questionnaire=q,
        kind="multiple",
        text="Ko dari brīvajā laikā?",
        options=["Sports", "Mūzika", "Nekas"],
    )
    questionnaire_services.question_add(
        actor=cast.coordinator, questionnaire=q, kind="scale", text="Cik apmierināts?"
    )
    questionnaire_services.question_add(
        actor=cast.coordinator, questionnaire=q, kind="text", text="Ko mainītu?"
    )
    questionnaire_services.questionnaire_set_status(
        actor=cast.coordinator, questionnaire=q, status="open"
    )
    return q


def answer_data(q, single="0", multiple=("0",), scale="4", text="Vairāk pulciņu"):
    ids = [x.pk for x in q.questions.all()]
    return {
        f"q{ids[0]}": single,
        f"q{ids[1]}": list(multiple),
        f"q{ids[2]}": scale,
        f"q{ids[3]}": text,
    }


def test_the_link_token_is_unguessable(questionnaire):
    assert len(questionnaire.token) >= 32


def test_anyone_answers_without_sign_in_and_nothing_about_them_is_stored(client, questionnaire):
    url = reverse("programme:questionnaire-answer", args=[questionnaire.token])
    assert client.get(url).status_code == 200
    audit_before = AuditEntry.objects.count()
    response = client.post(url, answer_data(questionnaire), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302
    stored = QuestionnaireResponse.objects.get()
    assert {f.name for f in QuestionnaireResponse._meta.concrete_fields} == {
        "id",
        "questionnaire",
        "submitted_on",
    }
    assert Answer.objects.filter(response=stored).count() == 4
    # No audit row (it would carry the address) and the address is nowhere.
    assert AuditEntry.objects.count() == audit_before
    assert not AuditEntry.objects.filter(remote_addr="203.0.113.7").exists()


def test_one_submission_per_browser(client, questionnaire):
    url = reverse("programme:questionnaire-answer", args=[questionnaire.token])
    client.post(url, answer_data(questionnaire))
    page = client.get(url, **EN).content.decode()
    assert "already answered" in page
    client.post(url, answer_data(questionnaire))
    assert QuestionnaireResponse.objects.count() == 1


def test_a_draft_or_wrong_token_is_not_found(client, cast, questionnaire):
    assert client.get(reverse("programme:questionnaire-answer", args=["guess"])).status_code == 404
    programme = questionnaire.programme
    draft = questionnaire_services.questionnaire_create(
        actor=cast.coordinator, programme=programme, title="x", audience="families"
    )
    assert (
        client.get(reverse("programme:questionnaire-answer", args=[draft.token])).status_code == 404
    )


def test_invalid_option_is_refused(questionnaire):
    from django.core.exceptions import ValidationError

    single = questionnaire.questions.get(kind="single")
    with pytest.raises(ValidationError):
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire, answers={single.pk: "7"}
        )


def test_results_suppress_small_counts_and_free_text_stays_with_the_coordinator(
    cast, client_for, questionnaire
):
    for n in range(7):
        ids = answer_data(questionnaire, single="0" if n < 5 else "1", text=f"ideja {n}")
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={int(k[1:]): v for k, v in ids.items()},
        )
    results = selectors.questionnaire_results(questionnaire=questionnaire, with_texts=False)
    single = results[0]
    # 5 yes and 2 no: the 2 is hidden and so is the 5 (it would give the 2 back from 7).
    assert [c for _, c in single.options] == ["×", "<5"]
    assert single.answered == "7"
    assert results[3].texts == []
    page = client_for(cast.coordinator).get(
        reverse("programme:questionnaire-detail", args=[questionnaire.pk]), **EN
    )
    assert "ideja 3" in page.content.decode()
    involvement = questionnaire_services.questionnaire_summarise(
        actor=cast.coordinator,
        questionnaire=questionnaire,
        version=questionnaire.programme.versions.get(),
    )
    assert "ideja" not in involvement.summary
    assert "Jā: ×; Nē: <5" in involvement.summary


def test_results_page_is_for_coordinators_only(cast, client_for, questionnaire):
    url = reverse("programme:questionnaire-detail", args=[questionnaire.pk])
    assert client_for(cast.councillor).get(url).status_code == 403
    assert client_for(cast.b_coordinator).get(url).status_code == 404


@pytest.fixture
def limit_of_three(settings):
    from django.core.cache import cache

    settings.QUESTIONNAIRE_ANSWERS_PER_ADDRESS = 3
    settings.PROXY_COUNT = 0
    cache.clear()
    yield
    cache.clear()


def _answer_from(questionnaire, address):
    # A fresh browser each time: the cookie no longer stops the repeat, the address does.
    from django.test import Client

    url = reverse("programme:questionnaire-answer", args=[questionnaire.token])
    return Client().post(url, answer_data(questionnaire), REMOTE_ADDR=address, **EN)


def test_answers_are_rate_limited_per_link_and_address(questionnaire, limit_of_three):
    for _ in range(3):
        assert _answer_from(questionnaire, "203.0.113.7").status_code == 302
    refused = _answer_from(questionnaire, "203.0.113.7")
    assert refused.status_code == 429
    assert "Too many answers" in refused.content.decode()
    assert QuestionnaireResponse.objects.count() == 3
    # another address is not affected
    assert _answer_from(questionnaire, "198.51.100.20").status_code == 302
    assert QuestionnaireResponse.objects.count() == 4


def test_the_limit_is_per_questionnaire_link(cast, questionnaire, limit_of_three):
    other = questionnaire_services.questionnaire_create(
        actor=cast.coordinator, programme=questionnaire.programme, title="Otra", audience="families"
    )
    questionnaire_services.question_add(
        actor=cast.coordinator, questionnaire=other, kind="text", text="Kas jāmaina?"
    )
    questionnaire_services.questionnaire_set_status(
        actor=cast.coordinator, questionnaire=other, status="open"
    )
    for _ in range(3):
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={questionnaire.questions.last().pk: "x"},
            address="203.0.113.7",
        )
    answered = questionnaire_services.questionnaire_answer(
        questionnaire=other, answers={other.questions.get().pk: "y"}, address="203.0.113.7"
    )
    assert answered.pk


def test_repeated_addresses_are_counted_and_shown_but_no_address_is_kept(
    cast, client_for, questionnaire, limit_of_three
):
    from django.core.cache import cache

    for address in ("203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.20"):
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={questionnaire.questions.last().pk: "x"},
            address=address,
        )
    questionnaire.refresh_from_db()
    # four answers, two of them from an address that had answered before
    assert questionnaire.repeated_address_answers == 2
    # the cache holds keyed hashes only, never the address
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("203.0.113.7" in key for key in keys)
    stored = [f.name for f in QuestionnaireResponse._meta.concrete_fields]
    assert stored == ["id", "questionnaire", "submitted_on"]
    page = client_for(cast.coordinator).get(
        reverse("programme:questionnaire-detail", args=[questionnaire.pk]), **EN
    )
    # 2 is a small count: suppressed like the number of answers on this page
    assert "from an address that had already answered this link: " in page.content.decode()
    assert page.context["repeated"] == selectors_display(2)


def selectors_display(n):
    from sargs.core.suppression import suppress_count

    return suppress_count(n).display


def test_with_the_production_cache_every_worker_counts_in_one_table(questionnaire, settings):
    """Production's cache is the database's table: the count a second worker (another
    process, another server) reads is the one the first wrote, not a count of its own."""
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    settings.QUESTIONNAIRE_ANSWERS_PER_ADDRESS = 2
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sargs_cache",
        }
    }
    call_command("createcachetable")
    for _ in range(2):
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={questionnaire.questions.last().pk: "x"},
            address="203.0.113.7",
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sargs_cache")
        assert cursor.fetchone() == (1,)
    another_worker = caches.create_connection("default")
    key = questionnaire_services._address_key(questionnaire, "203.0.113.7")
    assert another_worker.get(key) == 2
    with pytest.raises(questionnaire_services.AnswerLimitReached):
        questionnaire_services.questionnaire_answer(
            questionnaire=questionnaire,
            answers={questionnaire.questions.last().pk: "x"},
            address="203.0.113.7",
        )

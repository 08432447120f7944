from pipeline.extraction import pipe_by_size
from pipeline.records import doc_to_records


class RecordingPipe:
    """Stands in for a Language: records the batches nlp.pipe receives."""

    def __init__(self):
        self.batches = []

    def pipe(self, items, as_tuples=False, batch_size=1, n_process=1):
        items = list(items)
        self.batches.append(items)
        yield from ((text.upper(), context) for text, context in items) if as_tuples \
            else (text.upper() for text in items)


def test_batches_close_once_they_reach_the_character_budget():
    nlp = RecordingPipe()
    texts = ["a" * 30, "b" * 30, "c" * 50, "d" * 10, "e" * 5]
    out = list(pipe_by_size(nlp, texts, batch_chars=60))
    assert out == [t.upper() for t in texts]
    assert [len(b) for b in nlp.batches] == [2, 2, 1]


def test_one_long_report_is_a_batch_of_its_own():
    nlp = RecordingPipe()
    list(pipe_by_size(nlp, ["x" * 500, "y", "z"], batch_chars=100))
    assert [len(b) for b in nlp.batches] == [1, 2]


def test_tuples_keep_their_context_in_order():
    nlp = RecordingPipe()
    pairs = [("ab", 1), ("cd", 2), ("ef", 3)]
    assert list(pipe_by_size(nlp, iter(pairs), as_tuples=True, batch_chars=3)) == [
        ("AB", 1), ("CD", 2), ("EF", 3)]


def test_batched_records_equal_one_report_at_a_time(nlp, seed_text):
    texts = [seed_text, "本报讯 2023年，洮南市总工会在“金秋助学”活动中发放助学资金15.73万元。",
             "通榆县总工会为环卫工人送去清凉物资价值2万余元。"]
    alone = [doc_to_records(nlp(text)) for text in texts]
    batched = [doc_to_records(doc) for doc in pipe_by_size(nlp, texts, batch_chars=10_000)]
    assert batched == alone

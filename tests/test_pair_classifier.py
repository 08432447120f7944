from pipeline.pair_classifier import PairClassifier


def _data():
    features, labels = [], []
    for i in range(40):
        near = i % 2 == 0
        features.append({"same_sentence": float(near), "log_chars": 0.5 if near else 3.0})
        labels.append(int(near))
    return features, labels


def test_pair_classifier_learns_and_round_trips():
    features, labels = _data()
    model = PairClassifier().fit(features, labels, C=10.0)
    probabilities = model.predict_proba(features)
    assert all((p > 0.5) == bool(y) for p, y in zip(probabilities, labels))
    restored = PairClassifier.from_dict(model.to_dict())
    assert restored.predict_proba(features) == probabilities


def test_pair_classifier_untrained_is_flagged():
    assert not PairClassifier().is_trained

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


def test_boosted_trees_applied_in_numpy_equal_scikit_learn():
    import numpy as np
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import HistGradientBoostingClassifier

    from pipeline.pair_classifier import BoostedPairClassifier, _flatten

    rng = np.random.default_rng(0)
    matrix = rng.random((300, 4))
    labels = ((matrix[:, 0] > 0.5) ^ (matrix[:, 1] > 0.7)).astype(int)  # an interaction
    names = ["a", "b", "c", "d"]
    for ensemble in (True, False):  # three calibrated folds, or one model
        fitted = CalibratedClassifierCV(HistGradientBoostingClassifier(max_iter=30),
                                        method="sigmoid", cv=3, ensemble=ensemble
                                        ).fit(matrix, labels)
        model = BoostedPairClassifier(names, _flatten(fitted))
        features = [dict(zip(names, row)) for row in matrix.tolist()]
        ours = model.predict_proba(features)
        assert np.allclose(ours, fitted.predict_proba(matrix)[:, 1], atol=1e-12)
        restored = BoostedPairClassifier.from_bytes(model.to_bytes())
        assert restored.predict_proba(features) == ours


def test_boosted_trees_without_pairs_predict_nothing():
    from pipeline.pair_classifier import BoostedPairClassifier

    features, labels = _data()
    assert BoostedPairClassifier().fit(features, labels).predict_proba([]) == []

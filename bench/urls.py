"""The benchmark's URLconf: the project's URLs and the two floors (bench/floors.py). Used
only with override_settings(ROOT_URLCONF="bench.urls") in bench/pages.py."""

from django.urls import path

from coordinator.urls import urlpatterns as project_urlpatterns

from . import floors

urlpatterns = [
    path("__bench__/trivial/", floors.trivial, name="bench_trivial"),
    path("__bench__/baseline/", floors.baseline, name="bench_baseline"),
    *project_urlpatterns,
]

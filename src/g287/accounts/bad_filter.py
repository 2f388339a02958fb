"""The staff pages' answer to a bad filter (a `g287.core.filters.FilterError`): 400, naming each
parameter and what is wrong with it, rather than a list silently unfiltered."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from g287.core.filters import FilterError


def bad_filter(request: HttpRequest, exc: FilterError) -> HttpResponse:
    return render(request, "accounts/bad_filter.html", {"errors": exc.errors}, status=400)

"""Public: subscribe, confirm, unsubscribe (the staff webhooks are in office_views.py)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from g287.alerts import subscriptions
from g287.alerts.forms import SubscribeForm
from g287.alerts.models import Subscription
from g287.registry.models import Agency


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    initial = {"state": request.GET.get("state", "").upper(), "agency": request.GET.get("agency", "")}
    form = SubscribeForm(request.POST or None, initial=initial)
    agency = Agency.objects.filter(pk=(request.POST or request.GET).get("agency", "")).first()
    if request.method == "POST" and form.is_valid():
        try:
            subscriptions.request(
                form.cleaned_data["email"], form.cleaned_data["state"], form.cleaned_data["agency"]
            )
        except subscriptions.SubscriptionError as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "alerts/subscribe_sent.html", {})
    status = 400 if request.method == "POST" else 200
    return render(request, "alerts/subscribe.html", {"form": form, "agency": agency}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # Confirming takes a POST: mail scanners that open every link must not subscribe anyone.
    sub = Subscription.objects.filter(token=token).first()
    if sub is None:
        return render(request, "alerts/unknown_link.html", {}, status=404)
    if request.method == "POST":
        subscriptions.confirm(token)
        return render(
            request, "alerts/confirmed.html", {"scope": subscriptions.scope_label(sub), "token": token}
        )
    return render(request, "alerts/confirm.html", {"scope": subscriptions.scope_label(sub), "token": token})


@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail client; the token is the credential
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sub = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        subscriptions.unsubscribe(token)
        return render(request, "alerts/unsubscribed.html", {})
    if sub is None:
        return render(request, "alerts/unsubscribed.html", {})
    return render(
        request, "alerts/unsubscribe.html", {"scope": subscriptions.scope_label(sub), "token": token}
    )

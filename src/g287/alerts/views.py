"""Public: subscribe, confirm, unsubscribe. Staff: the program office's webhooks and delivery log."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from g287.accounts.decorators import office_view
from g287.accounts.roles import Cap
from g287.alerts import subscriptions, webhooks
from g287.alerts.forms import SubscribeForm, WebhookForm
from g287.alerts.models import Delivery, Subscription, Webhook
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


@office_view(Cap.WEBHOOKS)
@require_http_methods(["GET", "POST"])
def webhook_list(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        secret = form.cleaned_data["secret"] or webhooks.new_secret()
        hook = webhooks.register(
            form.cleaned_data["url"],
            secret,
            form.cleaned_data["description"],
            f"user:{request.user.get_username()}",
        )
        messages.success(request, f"Webhook {hook.url} registered. Its secret (shown once): {secret}")
        return redirect("alerts:webhooks")
    context = {
        "form": form,
        "hooks": Webhook.objects.all(),
        "deliveries": Delivery.objects.select_related("webhook").order_by("-id")[:100],
    }
    return render(request, "alerts/webhooks.html", context)


@office_view(Cap.WEBHOOKS)
@require_POST
def webhook_toggle(request: HttpRequest, hook_id: int) -> HttpResponse:
    hook = get_object_or_404(Webhook, pk=hook_id)
    webhooks.set_active(hook, not hook.active, f"user:{request.user.get_username()}")
    return redirect("alerts:webhooks")

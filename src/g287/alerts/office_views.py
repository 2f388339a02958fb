"""Staff: the program office's webhooks and their delivery log, under /office/webhooks/."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm
from g287.alerts import webhooks
from g287.alerts.forms import WebhookForm
from g287.alerts.models import Delivery, Webhook


@office_view(Perm.ALERTS_WEBHOOKS)
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
        messages.success(
            request,
            _("Webhook %(url)s registered. Its secret (shown once): %(secret)s")
            % {"url": hook.url, "secret": secret},
        )
        return redirect("alerts:webhooks")
    context = {
        "form": form,
        "hooks": Webhook.objects.all(),
        "deliveries": Delivery.objects.select_related("webhook").order_by("-id")[:100],
    }
    return render(request, "alerts/webhooks.html", context, status=400 if form.errors else 200)


@office_view(Perm.ALERTS_WEBHOOKS)
@require_POST
def webhook_toggle(request: HttpRequest, hook_id: int) -> HttpResponse:
    hook = get_object_or_404(Webhook, pk=hook_id)
    webhooks.set_active(hook, not hook.active, f"user:{request.user.get_username()}")
    return redirect("alerts:webhooks")

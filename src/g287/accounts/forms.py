from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import ngettext

from g287.accounts import throttle
from g287.accounts.models import TokenScope
from g287.accounts.tokens import MAX_DAYS


class LockoutMixin(forms.Form):
    """Refuses to even check the password while the username is locked out, so guessing stops, and
    says so. (The LockoutModelBackend refuses too, for any other way in.)"""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        left = throttle.locked_for(username) if username else None
        if left is not None:
            minutes = max(1, int(left.total_seconds() // 60) + 1)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-ins for this username. Try again in %(minutes)s minute(s), "
                    "or reset your password.",
                    "Too many failed sign-ins for this username. Try again in %(minutes)s minute(s), "
                    "or reset your password.",
                    minutes,
                )
                % {"minutes": minutes},
                code="locked",
            )
        return super().clean() or self.cleaned_data


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    """The office sign-in form."""


class AdminLockoutAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    """Django admin's sign-in form, under the same lockout as the office's."""


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. “roster sync”.")
    scope = forms.ChoiceField(choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        label="Valid for (days)",
        help_text=f"At most {MAX_DAYS} days.",
    )

from django import forms

from g287.core.states import NAME_BY_CODE


class SubscribeForm(forms.Form):
    email = forms.EmailField(max_length=254)
    state = forms.ChoiceField(
        choices=[("", "—"), *sorted(NAME_BY_CODE.items(), key=lambda kv: kv[1])], required=False
    )
    agency = forms.CharField(max_length=160, required=False, widget=forms.HiddenInput)


class WebhookForm(forms.Form):
    url = forms.URLField(max_length=500, assume_scheme="https")
    description = forms.CharField(max_length=200, required=False)
    secret = forms.CharField(
        max_length=200,
        required=False,
        help_text="Leave empty to have a strong secret made for you (shown once).",
    )

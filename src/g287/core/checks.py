"""Deployment checks run by `g287 check --deploy`, beside Django's own: the secret key."""

import stat
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from g287.core.secret_key import weakness


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    why = weakness(settings.SECRET_KEY)
    if why:
        problems.append(
            Error(
                f"The secret key is weak: {why}.",
                hint="Set G287_SECRET_KEY to a long random value, e.g. the output of "
                "`python3 -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
                id="g287.E001",
            )
        )
    key_file = getattr(settings, "G287_SECRET_KEY_FILE", None)
    if key_file is not None:
        problems.append(
            Warning(
                f"G287_SECRET_KEY is not set: the key generated in {key_file} is used.",
                hint="Fine for one machine; every server of a deployment must share one key, so set "
                "G287_SECRET_KEY (the same value everywhere) in production.",
                id="g287.W001",
            )
        )
        if key_file.exists() and key_file.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            problems.append(
                Error(
                    f"{key_file} can be read by other users of this machine.",
                    hint=f"chmod 600 {key_file}",
                    id="g287.E002",
                )
            )
    return problems

"""Telling people what changed: partners' webhooks with their delivery log, and the public's e-mail
subscriptions. A subscription's address is the only personal data g287 keeps, and only while it lasts."""

from django.db import models


class Webhook(models.Model):
    """A partner's endpoint, registered by the program office. Each change set is POSTed to it as JSON,
    signed with HMAC-SHA256 under `secret`."""

    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=200)
    description = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Gave up"


class Delivery(models.Model):
    """One change set for one webhook, and how sending it went."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    change_set = models.CharField(max_length=40)  # the snapshot's order key
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["webhook", "change_set"], name="delivery_once")]

    def __str__(self) -> str:
        return f"{self.change_set} -> {self.webhook_id} ({self.status})"


class Subscription(models.Model):
    """A member of the public following a state or an agency by e-mail. Unconfirmed until the link in
    the first mail is followed (double opt-in); deleted, address and all, on unsubscribe."""

    email = models.EmailField()
    state = models.CharField(max_length=2, blank=True)
    agency = models.CharField(max_length=160, blank=True)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "state", "agency"], name="subscription_once"),
            models.CheckConstraint(
                condition=(models.Q(state="") & ~models.Q(agency=""))
                | (~models.Q(state="") & models.Q(agency="")),
                name="subscription_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"subscription {self.pk} ({self.scope})"

    @property
    def scope(self) -> str:
        return f"state:{self.state}" if self.state else f"agency:{self.agency}"

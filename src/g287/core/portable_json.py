"""Django's JSON serializer, keeping times to the microsecond (DjangoJSONEncoder cuts them to
milliseconds): the audit log's hashes cover each entry's exact time, so a portable backup must give it
back unchanged. Registered as the "g287json" format by g287.core.backup."""

import datetime
from typing import Any

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer

FORMAT = "g287json"


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def _init_options(self) -> None:
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()  # type: ignore[misc]


Deserializer = JSONDeserializer

"""Keys of the Open311 clients that may send reports (POST requests).

    manage.py open311_key create NAME    prints the new key (the only time it is shown)
    manage.py open311_key list           every key: name, prefix, state, created, last used
    manage.py open311_key disable NAME   the key is refused from now on (403)
    manage.py open311_key enable NAME    accepted again
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from geo_feedback.models import Open311ApiKey
from geo_feedback.open311.services import KeyNameTaken, open311_key_create, open311_key_set_active


class Command(BaseCommand):
    help = "Create, list, disable or enable the API keys of Open311 clients."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,list,disable,enable}")
        create = actions.add_parser("create", help="Make a key for a client and print it (shown only once).")
        create.add_argument("name", help="Who uses the key, e.g. the app and its maker.")
        actions.add_parser("list", help="List the keys (their prefixes; keys themselves are not stored).")
        for action in ("disable", "enable"):
            parser_ = actions.add_parser(action, help=f"{action.capitalize()} the key with this name.")
            parser_.add_argument("name")

    def handle(self, *args, action: str, **options):
        if action == "create":
            try:
                api_key, key = open311_key_create(name=options["name"])
            except KeyNameTaken:
                raise CommandError(
                    f"A key named {options['name'].strip()!r} exists already; choose another name."
                ) from None
            except ValueError as error:
                raise CommandError(str(error)) from None
            # The key alone on stdout, so that scripts can capture it; the advice on stderr.
            self.stdout.write(key)
            self.stderr.write(f"Key for {api_key.name!r} created. Store it now: it is not shown again.")
        elif action == "list":
            self._list()
        else:
            try:
                api_key = open311_key_set_active(name=options["name"], active=action == "enable")
            except Open311ApiKey.DoesNotExist:
                raise CommandError(f"No key is named {options['name']!r} (see: open311_key list).") from None
            self.stdout.write(f"{api_key.name}: {'enabled' if api_key.is_active else 'disabled'}")

    def _list(self) -> None:
        keys = list(Open311ApiKey.objects.all())
        if not keys:
            self.stdout.write("No keys yet. Make one with: manage.py open311_key create NAME")
            return
        width = max(len(api_key.name) for api_key in keys)
        for api_key in keys:
            used = timezone.localtime(api_key.last_used_at).strftime("%Y-%m-%d %H:%M") if api_key.last_used_at else "never"
            created = timezone.localtime(api_key.created_at).strftime("%Y-%m-%d")
            state = "active" if api_key.is_active else "disabled"
            self.stdout.write(f"{api_key.name:<{width}}  {api_key.key_prefix}…  {state:<8}  created {created}  "
                              f"last used {used}")

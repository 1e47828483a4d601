"""Build a council-sized data set for the benchmarks (see ``coordinator.scale``)."""

from typing import Any

from django.core.management.base import CommandError

from coordinator.management.base import ScopedCommand, local_only
from coordinator.scale import scale_build
from coordinator.versions import versions_touch


class Command(ScopedCommand):
    help = (
        "Build a large council (settlements, households, residents and every module's data) "
        "with bulk inserts, reproducibly from a seed, for the benchmarks."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--settlements", type=int, default=50)
        parser.add_argument("--residents-per-settlement", type=int, default=1500)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--small-share",
            type=float,
            default=0.01,
            help="Size of the extra small settlement as a share of a big one (default 0.01).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        local_only("seed_scale")
        try:
            world = scale_build(
                settlements=options["settlements"],
                residents_per_settlement=options["residents_per_settlement"],
                years=options["years"],
                seed=options["seed"],
                small_share=options["small_share"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        # Bulk inserts send no signals: what is cached of these settlements goes stale here.
        versions_touch(*(s.pk for s in [*world.settlements, world.small]))
        total = sum(world.counts.values())
        self.stdout.write(
            f"Council {world.council.slug}: {len(world.settlements)} settlements and "
            f"{world.small.slug}, {total} rows in {world.seconds:.1f} s "
            f"({total / max(world.seconds, 0.001):.0f} rows/s)."
        )
        width = max(len(label) for label in world.counts)
        for label, count in world.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9}")
        self.stdout.write(f"Password for every account: {world.password}")
        for key, username in world.accounts.items():
            self.stdout.write(f"  {key:<18} {username}")

"""The minute the booking window opens, for locust (run by benchmarks/load_test.py, which prepares the plan).

Buyers (500): signed in, each with the slot picker of a popular rep already open, ask for one of that rep's
first slots, the first few reps most of all; a refusal (the slot went to someone else a moment earlier) is
the app working, so only server errors and broken connections count as failures. Browsers (the others): walk
the home page, the directory, the catalogue, title pages, their recommendations and their agenda.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, between, task

with open(os.environ["FILMART_LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)
BUYER_COOKIES = itertools.cycle(PLAN["buyers"])
BROWSER_COOKIES = itertools.cycle(PLAN["browsers"])


def popular_slot(rng: random.Random) -> tuple[dict, str]:
    reps = PLAN["popular"]
    rep = reps[min(int(rng.expovariate(1 / 10)), len(reps) - 1)]
    return rep, rep["starts"][min(int(rng.expovariate(1 / 2)), len(rep["starts"]) - 1)]


class Buyer(FastHttpUser):
    fixed_count = PLAN["buyer_count"]
    wait_time = between(*PLAN["buyer_wait"])

    def on_start(self) -> None:
        self.rng = random.Random()
        self.headers = {"Cookie": next(BUYER_COOKIES), "X-CSRFToken": PLAN["csrf"]}

    @task
    def book(self) -> None:
        rep, start = popular_slot(self.rng)
        with self.client.post(
            f"/meetings/book/{rep['slug']}/",
            data={"rep": rep["rep"], "start": start, "message": "The window is open!"},
            headers=self.headers,
            name="book a slot",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code in (302, 400):  # booked, or refused with a message: both are answers
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")


class Browser(FastHttpUser):
    fixed_count = PLAN["browser_count"]
    wait_time = between(3, 8)

    def on_start(self) -> None:
        self.rng = random.Random()
        self.headers = {"Cookie": next(BROWSER_COOKIES)}

    def get(self, path: str, name: str) -> None:
        self.client.get(path, headers=self.headers, name=name)

    @task(2)
    def home(self) -> None:
        self.get("/", "home")

    @task(3)
    def directory(self) -> None:
        self.get(f"/exhibitors/?q={self.rng.choice(PLAN['words'])}", "directory search")

    @task(3)
    def catalogue(self) -> None:
        self.get(f"/titles/?genre={self.rng.choice(PLAN['genres'])}", "catalogue filter")

    @task(4)
    def title(self) -> None:
        self.get(f"/titles/{self.rng.choice(PLAN['titles'])}/", "title page")

    @task(2)
    def matches(self) -> None:
        self.get("/matches/", "recommendations")

    @task(2)
    def agenda(self) -> None:
        self.get("/meetings/", "agenda")

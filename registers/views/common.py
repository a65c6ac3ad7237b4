"""What every register page shares: a form posted to a service, refusals shown as form
errors that change nothing."""
from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from registers.errors import NotAllowed, RegisterError


def run_form(request: HttpRequest, form, call: Callable[[dict], object], *, template: str,
             context: dict, done: str, then: Callable[[object], object],
             action: bool = True) -> HttpResponse:
    """Show the form (GET); on POST validate it and call the service. An action on a record
    answers a refusal with 400 (bad input), 403 (not this person's to do) or 409 (not in
    this state); a new record's form is re-shown with 200, as casework's are."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = call(form.cleaned_data)
            except NotAllowed as error:
                form.add_error(None, str(error))
                status = 403
            except RegisterError as error:
                form.add_error(None, str(error))
                status = 409 if action else 200
            else:
                messages.success(request, done)
                return redirect(then(result))
        elif action:
            status = 400
    return render(request, template, {**context, "form": form}, status=status)

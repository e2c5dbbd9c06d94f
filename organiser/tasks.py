from celery import shared_task

from organiser import exports


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def export_build(pk: int) -> None:
    exports.export_build(pk=pk)

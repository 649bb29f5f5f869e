"""Celery tasks of onboarding. Schema: public (each task switches schema inside its action)."""

from satupintu.celery_app import app


@app.task(name="onboarding.provision_regency", acks_late=True, reject_on_worker_lost=True)
def provision_regency(job_id: int) -> str:
    from onboarding.provisioning import provisioning_run

    return provisioning_run(job_id=job_id)

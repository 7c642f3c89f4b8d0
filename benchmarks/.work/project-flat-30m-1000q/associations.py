"""Association tables of the many-to-many relationships."""

from sqlalchemy import Column, ForeignKey, Table

from base import Base


tag_folder_links = Table(
    "tag_folder_links",
    Base.metadata,
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
    Column("folder_id", ForeignKey("folders.id"), primary_key=True),
)

team_document_links = Table(
    "team_document_links",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id"), primary_key=True),
    Column("document_id", ForeignKey("documents.id"), primary_key=True),
)

attachment_webhook_links = Table(
    "attachment_webhook_links",
    Base.metadata,
    Column("attachment_id", ForeignKey("attachments.id"), primary_key=True),
    Column("webhook_id", ForeignKey("webhooks.id"), primary_key=True),
)

category_payment_links = Table(
    "category_payment_links",
    Base.metadata,
    Column("category_id", ForeignKey("categories.id"), primary_key=True),
    Column("payment_id", ForeignKey("payments.id"), primary_key=True),
)

organization_address_links = Table(
    "organization_address_links",
    Base.metadata,
    Column("organization_id", ForeignKey("organizations.id"), primary_key=True),
    Column("address_id", ForeignKey("addresses.id"), primary_key=True),
)

user_payment_links = Table(
    "user_payment_links",
    Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("payment_id", ForeignKey("payments.id"), primary_key=True),
)

payment_folder_links = Table(
    "payment_folder_links",
    Base.metadata,
    Column("payment_id", ForeignKey("payments.id"), primary_key=True),
    Column("folder_id", ForeignKey("folders.id"), primary_key=True),
)

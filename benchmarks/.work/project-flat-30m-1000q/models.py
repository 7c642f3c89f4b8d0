"""The models, re-exported."""

from model_address import Address
from model_attachment import Attachment
from model_audit_entry import AuditEntry
from model_category import Category
from model_comment import Comment
from model_customer import Customer
from model_document import Document
from model_folder import Folder
from model_invoice import Invoice
from model_invoice_line import InvoiceLine
from model_milestone import Milestone
from model_notification import Notification
from model_order import Order
from model_order_line import OrderLine
from model_organization import Organization
from model_payment import Payment
from model_permission import Permission
from model_product import Product
from model_project import Project
from model_review import Review
from model_role import Role
from model_shipment import Shipment
from model_sprint import Sprint
from model_supplier import Supplier
from model_tag import Tag
from model_task import Task
from model_team import Team
from model_user import User
from model_warehouse import Warehouse
from model_webhook import Webhook

__all__ = ["Address", "Attachment", "AuditEntry", "Category", "Comment", "Customer", "Document", "Folder", "Invoice", "InvoiceLine", "Milestone", "Notification", "Order", "OrderLine", "Organization", "Payment", "Permission", "Product", "Project", "Review", "Role", "Shipment", "Sprint", "Supplier", "Tag", "Task", "Team", "User", "Warehouse", "Webhook"]

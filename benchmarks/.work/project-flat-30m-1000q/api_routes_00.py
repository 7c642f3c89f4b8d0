"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_organization
import repo_project
import repo_task
import repo_team
import repo_user


async def repo_organization_list_comment_task_pairs(session: AsyncSession) -> object:
    return await repo_organization.list_comment_task_pairs(session)


async def repo_organization_get_organization_with_projects(session: AsyncSession, organization_id: int) -> object:
    return await repo_organization.get_organization_with_projects(session, organization_id)


async def repo_organization_scan_organizations_users_v2(session: AsyncSession) -> object:
    return await repo_organization.scan_organizations_users_v2(session)


async def repo_organization_list_document_order_pairs(session: AsyncSession) -> object:
    return await repo_organization.list_document_order_pairs(session)


async def repo_user_get_user_with_payments(session: AsyncSession, user_id: int) -> object:
    return await repo_user.get_user_with_payments(session, user_id)


async def repo_user_get_team_with_attachments(session: AsyncSession, team_id: int) -> object:
    return await repo_user.get_team_with_attachments(session, team_id)


async def repo_user_list_users_joined_shipments(session: AsyncSession) -> object:
    return await repo_user.list_users_joined_shipments(session)


async def repo_user_count_teams_by_organization_id(session: AsyncSession, organization_id: int) -> object:
    return await repo_user.count_teams_by_organization_id(session, organization_id)


async def repo_user_list_users_with_payments_v2(session: AsyncSession) -> object:
    return await repo_user.list_users_with_payments_v2(session)


async def repo_user_stream_users_shipments(session: AsyncSession) -> object:
    return await repo_user.stream_users_shipments(session)


async def repo_user_get_user_shipments_count(session: AsyncSession, user_id: int) -> object:
    return await repo_user.get_user_shipments_count(session, user_id)


async def repo_team_get_team_with_tasks(session: AsyncSession, team_id: int) -> object:
    return await repo_team.get_team_with_tasks(session, team_id)


async def repo_team_create_team(session: AsyncSession, name: str, organization_id: int) -> object:
    return await repo_team.create_team(session, name, organization_id)


async def repo_team_get_team_with_tasks_v2(session: AsyncSession, team_id: int) -> object:
    return await repo_team.get_team_with_tasks_v2(session, team_id)


async def repo_team_find_team_organization_name(session: AsyncSession, name: str) -> object:
    return await repo_team.find_team_organization_name(session, name)


async def repo_team_list_users_joined_shipments(session: AsyncSession) -> object:
    return await repo_team.list_users_joined_shipments(session)


async def repo_team_count_teams_by_organization_id_v3(session: AsyncSession, organization_id: int) -> object:
    return await repo_team.count_teams_by_organization_id_v3(session, organization_id)


async def repo_project_delete_project(session: AsyncSession, project_id: int) -> object:
    return await repo_project.delete_project(session, project_id)


async def repo_project_list_projects_eager(session: AsyncSession) -> object:
    return await repo_project.list_projects_eager(session)


async def repo_project_get_project_with_orders_v2(session: AsyncSession, project_id: int) -> object:
    return await repo_project.get_project_with_orders_v2(session, project_id)


async def repo_task_rename_task(session: AsyncSession, task_id: int, name: str) -> object:
    return await repo_task.rename_task(session, task_id, name)


async def repo_task_rename_role(session: AsyncSession, role_id: int, name: str) -> object:
    return await repo_task.rename_role(session, role_id, name)


async def repo_task_list_order_lines_with_addresses(session: AsyncSession) -> object:
    return await repo_task.list_order_lines_with_addresses(session)


async def repo_task_get_task_comments_serialized(session: AsyncSession, task_id: int) -> object:
    return await repo_task.get_task_comments_serialized(session, task_id)


async def repo_task_get_task_with_team(session: AsyncSession, task_id: int) -> object:
    return await repo_task.get_task_with_team(session, task_id)


async def repo_task_get_task_comments_serialized_v2(session: AsyncSession, task_id: int) -> object:
    return await repo_task.get_task_comments_serialized_v2(session, task_id)


async def repo_task_list_tasks_with_milestones(session: AsyncSession) -> object:
    return await repo_task.list_tasks_with_milestones(session)


async def repo_task_create_task(session: AsyncSession, name: str, organization_id: int, team_id: int) -> object:
    return await repo_task.create_task(session, name, organization_id, team_id)
